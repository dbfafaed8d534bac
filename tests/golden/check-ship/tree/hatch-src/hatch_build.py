from hatchling.builders.hooks.plugin.interface import BuildHookInterface
import tomli_w
