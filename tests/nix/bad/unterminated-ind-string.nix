{ runCommand, src }:

runCommand "x" { } ''
  cp -r ${src}/sub $out
