package profile

// What the tests of package profile_test reach that callers do not.
var BaselineOnly = baselineOnly
