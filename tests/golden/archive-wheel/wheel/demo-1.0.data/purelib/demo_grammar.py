import antlr4
