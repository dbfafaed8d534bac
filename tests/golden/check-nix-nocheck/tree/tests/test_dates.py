import pytest
import freezegun
import dateish
