"""The report script's entry, joined after report.py and calibration_report.py: which page
the arguments ask for."""

def dispatch(argv):
    if len(argv) == 3 and argv[1] == "--sweep":
        main_sweep(argv[2])
    elif len(argv) == 3 and argv[1] == "--calibration":
        main_calibration(argv[2])
    elif len(argv) == 4:
        main(argv[1], argv[2], argv[3])
    else:
        sys.stderr.write("usage: report RUN_FOLDER TRACES_CSV DATA_FOLDER | report --sweep SWEEP_FOLDER | "
                         "report --calibration CALIBRATION_FOLDER\n")
        sys.exit(2)


if __name__ == "__main__":
    try:
        dispatch(sys.argv)
    except DamagedTable as damaged:
        # Bad input, not a failure of the script: one line naming the file, exit 2.
        sys.stderr.write("attune report: %s\n" % damaged)
        sys.exit(2)
