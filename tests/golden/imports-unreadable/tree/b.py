import secret
