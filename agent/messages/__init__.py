"""Message catalogue, one module per area (see agent.i18n)."""
