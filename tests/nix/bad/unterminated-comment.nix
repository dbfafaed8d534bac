{ buildPythonPackage }:

/* a comment that never ends
buildPythonPackage { pname = "x"; }
