from hatchling.builders.hooks.plugin.interface import BuildHookInterface
