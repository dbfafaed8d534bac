def imports():
 ;t r("")
import os
