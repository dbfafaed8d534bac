import from_pixi
