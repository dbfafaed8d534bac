import tabbed
if True:
	import tab_indented
	if True:
		import two_tabs
import after_formfeed
if True:
        import formfeed_in_indent
