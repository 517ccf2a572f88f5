"""The app's screens, one per mode."""
