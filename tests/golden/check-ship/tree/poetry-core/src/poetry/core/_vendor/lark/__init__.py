import regex
