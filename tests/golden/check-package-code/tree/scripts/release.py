import github
import requests
