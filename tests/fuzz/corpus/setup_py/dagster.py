from pathlib import Path
from typing import Dict

from setuptools import find_packages, setup


def long_description() -> str:
    here = Path(__file__).parent
    with open(here / "README.md", encoding="utf8") as fh:
        return fh.read()


def get_version() -> str:
    version: Dict[str, str] = {}
    with open(Path(__file__).parent / "dagster/version.py", encoding="utf8") as fp:
        exec(fp.read(), version)

    return version["__version__"]


# grpcio 1.44.0 is the minimum version supporting the Python versions below
GRPC_VERSION_FLOOR = "1.44.0"
PROTOBUF = "protobuf"
ALEMBIC_PIN = ">=%s,!=%s,<2" % ("1.2.1", "1.6.3")

ver = get_version()
# dont pin dev installs to avoid pip dep resolver issues
pin = "" if ver == "1!0+dev" else f"=={ver}"

test_deps = [
    "buildkite-test-collector",
    "docker",
    f"grpcio-tools>={GRPC_VERSION_FLOOR}",
    "mock==3.0.5",
    "objgraph",
    "pytest-asyncio",
    "pytest-xdist",
    "pytest>=8",
]
test_deps += ["syrupy>=4.0.0"]

setup(
    name="dagster",
    version=ver,
    author="Dagster Labs",
    author_email="hello@dagsterlabs.com",
    license="Apache-2.0",
    description="Dagster is an orchestration platform for the development, production, and observation of data assets.",
    long_description=long_description(),
    long_description_content_type="text/markdown",
    url="https://github.com/dagster-io/dagster",
    classifiers=[
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.12",
        "License :: OSI Approved :: Apache Software License",
    ],
    packages=find_packages(exclude=["dagster_tests*"]),
    include_package_data=True,
    python_requires=">=3.9,<3.13",
    install_requires=[
        # cli
        "click>=5.0",
        "coloredlogs>=6.1, <=14.0",
        "Jinja2",
        # alembic 1.6.3 broke our migrations
        "alembic" + ALEMBIC_PIN,
        "croniter>=0.3.34,<7",
        f"grpcio>={GRPC_VERSION_FLOOR}",
        "grpcio-health-checking>={}".format(GRPC_VERSION_FLOOR),
        "packaging>=20.9",
        f"{PROTOBUF}>=3.20.0,<6; python_version<'3.11'",
        f"{PROTOBUF}>=4,<6; python_version>='3.11'",
        "python-dotenv",
        "pytz",
        "requests",
        "setuptools",
        "tabulate",
        "tomli<3",
        "tqdm<5",
        "tzdata",
        "structlog",
        "sqlalchemy>=1.0,<3",
        "toposort>=1.0",
        "watchdog>=0.8.3,<7",
        'psutil>=1.0; platform_system=="Windows"',
        # https://github.com/mhammond/pywin32/issues/1439
        'pywin32!=226; platform_system=="Windows"',
        "docstring-parser",
        "universal_pathlib; python_version<'3.12'",
        "universal_pathlib>=0.2.0; python_version>='3.12'",
        "rich",
        "filelock",
        f"dagster-pipes{pin}",
        f"dagster-shared{pin}",
        "antlr4-python3-runtime",
        "PyYAML>=5.1",
    ],
    extras_require={
        "docker": ["docker"],
        "test": test_deps,
        "mypy": ["mypy==1.8.0"],
        "pyright": [
            "pyright==1.1.379",
            "pandas-stubs",
            "types-" + "requests",
        ],
        "ruff": ["ruff==0.8.4"],
        "test-components": ["dagster-dg" + pin],
    },
    entry_points={
        "console_scripts": [
            "dagster = dagster.cli:main",
            "dagster-daemon = dagster.daemon.cli:main",
        ]
    },
)
