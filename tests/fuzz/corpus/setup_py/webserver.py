from pathlib import Path
from typing import Dict

from setuptools import find_packages, setup


def get_version() -> str:
    version: Dict[str, str] = {}
    with open(Path(__file__).parent / "dagster_webserver/version.py", encoding="utf8") as fp:
        exec(fp.read(), version)

    return version["__version__"]


ver = get_version()
# dont pin dev installs to avoid pip dep resolver issues
pin = "" if ver == "1!0+dev" else f"=={ver}"
setup(
    name="dagster-webserver",
    version=ver,
    author="Dagster Labs",
    license="Apache-2.0",
    description="Web UI for dagster.",
    packages=find_packages(exclude=["dagster_webserver_tests*"]),
    include_package_data=True,
    python_requires=">=3.9,<3.13",
    install_requires=[
        # cli
        "click>=7.0,<9.0",
        f"dagster{pin}",
        f"dagster-graphql{pin}",
        "starlette!=0.36.0",  # avoid bug with static file serving
        "uvicorn[standard]",
    ],
    extras_require={
        "notebook": ["nbconvert"],  # notebooks support
        "test": ["starlette[full]"],
    },
    entry_points={
        "console_scripts": ["dagster-webserver = dagster_webserver.cli:main"],
    },
)
