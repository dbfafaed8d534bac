import click
import rich
