import sniffio


def now():
    # a branch whose test names the library: chosen with it
    if sniffio.current_async_library() == "trio":
        import trio

        return trio.current_time()
    return 0.0


def dump(options):
    if options.use_msgpack:
        import msgpack

        return msgpack
    return None
