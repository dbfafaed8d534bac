import in_sub
