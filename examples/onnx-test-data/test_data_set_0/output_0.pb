
BprobabilityJÞ‚Ñ=