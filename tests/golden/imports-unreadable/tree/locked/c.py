import hidden
