import before_bad
s = "ÿþ"
import after_bad
