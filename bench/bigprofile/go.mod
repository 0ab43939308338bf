module example.com/bigprofile

go 1.22
