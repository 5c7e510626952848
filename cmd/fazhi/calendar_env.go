package main

import "fazhi/ledger"

// calendarEnv gives derivations the working-day calendar.
func calendarEnv() ledger.Env { return nil }
