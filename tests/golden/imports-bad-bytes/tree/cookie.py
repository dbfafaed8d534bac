# -*- coding: klingon -*-
import after_unknown_cookie
