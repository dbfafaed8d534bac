import flask
import click
from werkzeug.security import check_password_hash
from markupsafe import escape
