"""What every extraction component shares: reading the data files, folding names."""
