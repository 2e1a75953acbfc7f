import CustomerCenterCLI

CustomerCenterCommand.main()
