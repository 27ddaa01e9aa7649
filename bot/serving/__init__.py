"""What runs around the engine while the bot serves: conversation state and signals."""
