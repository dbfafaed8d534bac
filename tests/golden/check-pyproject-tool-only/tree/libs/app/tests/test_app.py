import pytest

import app


def test_fetch_needs_a_url():
    with pytest.raises(TypeError):
        app.fetch()
