"""The report script's entry, joined after report.py and calibration_report.py: which page
the arguments ask for."""

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--sweep":
        main_sweep(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--calibration":
        main_calibration(sys.argv[2])
    elif len(sys.argv) == 4:
        main(sys.argv[1], sys.argv[2], sys.argv[3])
    else:
        sys.stderr.write("usage: report RUN_FOLDER TRACES_CSV DATA_FOLDER | report --sweep SWEEP_FOLDER | "
                         "report --calibration CALIBRATION_FOLDER\n")
        sys.exit(2)
