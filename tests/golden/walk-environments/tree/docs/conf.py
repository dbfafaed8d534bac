import sphinx
