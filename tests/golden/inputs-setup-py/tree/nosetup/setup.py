print("this setup.py calls nothing")
