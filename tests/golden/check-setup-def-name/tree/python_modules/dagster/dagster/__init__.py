import click
import yaml
import croniter

from dagster.version import __version__
