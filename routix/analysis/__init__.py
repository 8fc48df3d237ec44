"""Reading a request: the Analysis model, the offline analyser, the remote analysers and their keyword data."""
