try:
    import tomllib  # not in the standard library of 3.10
except ImportError:
    import tomli as tomllib
import tomllib as required_tomllib
import internal_tools
import corp_auth.session
import win32api  # depaudit: ignore[missing,unresolved]
import left_alone  # depaudit: ignore
import still_reported  # depaudit: ignore[unused]
