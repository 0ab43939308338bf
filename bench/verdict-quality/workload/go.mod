module example.com/verdictquality

go 1.22
