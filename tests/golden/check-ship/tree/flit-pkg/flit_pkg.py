import idna
