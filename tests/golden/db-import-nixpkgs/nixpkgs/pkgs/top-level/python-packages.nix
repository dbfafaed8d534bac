# A small package set for the depaudit tests.
self: super: with self; {

  bootstrap = lib.recurseIntoAttrs { };

  discordpy = callPackage ../development/python-modules/discordpy { };

  missing-expr = callPackage ../development/python-modules/missing-expr { };

  opencv4 = toPythonModule (pkgs.opencv4.override { enablePython = true; });

  pygobject3 = callPackage ../development/python-modules/pygobject/3.nix {
    inherit (pkgs) meson;
  };

  universal-pathlib = callPackage ../development/python-modules/universal-pathlib { };

  weird-path = callPackage ../../../../etc { };

}
