import beside_pkg
