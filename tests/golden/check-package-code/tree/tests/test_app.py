import pytest
import helperapp.views
import generated_at_run_time
