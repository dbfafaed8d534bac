import skipped
