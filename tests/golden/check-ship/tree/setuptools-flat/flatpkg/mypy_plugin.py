from mypy.plugin import Plugin
