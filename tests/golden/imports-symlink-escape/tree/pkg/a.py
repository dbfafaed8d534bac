import inside  # read
