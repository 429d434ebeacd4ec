"""Consumer tests of the rideshare example, written with the contract-testing communicator."""
