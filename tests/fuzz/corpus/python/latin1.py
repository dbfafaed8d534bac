# -*- coding: latin-1 -*-
import café
s = "été import nope"
import after_latin1
