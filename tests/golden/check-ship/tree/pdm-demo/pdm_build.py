from pdm.backend.hooks import Context
