def a():
    def b():
        def c():
            class D:
                def e(self):
                    try:
                        import very_deep
                    except ImportError:
                        import very_deep_handler
