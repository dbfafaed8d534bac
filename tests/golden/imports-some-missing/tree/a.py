import present
