try:
    import aiohttp
    import multidict  # aiohttp, which the extra declares, requires it
    import idna  # yarl's requirement, not aiohttp's own: not enough
except ImportError:
    aiohttp = None
