import readable
