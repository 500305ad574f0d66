"""Package identity, kept in one place so provenance and the CLI agree."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
