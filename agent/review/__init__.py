"""The review console (`shareguard review`) and the helpers `shareguard log` shares with it."""
