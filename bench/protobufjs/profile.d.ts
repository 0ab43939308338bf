import * as $protobuf from 'protobufjs'
import Long = require('long')

/** Namespace perftools. */
export namespace perftools {
  /** Namespace profiles. */
  namespace profiles {
    /**
     * Properties of a Profile.
     * @deprecated Use perftools.profiles.Profile.$Properties instead.
     */
    interface IProfile extends perftools.profiles.Profile.$Properties {}

    /** Represents a Profile. */
    class Profile {
      /**
       * Constructs a new Profile.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Profile.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Profile sample_type. */
      sample_type: perftools.profiles.ValueType.$Properties[]

      /** Profile sample. */
      sample: perftools.profiles.Sample.$Properties[]

      /** Profile mapping. */
      mapping: perftools.profiles.Mapping.$Properties[]

      /** Profile location. */
      location: perftools.profiles.Location.$Properties[]

      /** Profile function. */
      function: perftools.profiles.Function.$Properties[]

      /** Profile string_table. */
      string_table: string[]

      /** Profile drop_frames. */
      drop_frames: number

      /** Profile keep_frames. */
      keep_frames: number

      /** Profile time_nanos. */
      time_nanos: number

      /** Profile duration_nanos. */
      duration_nanos: number

      /** Profile period_type. */
      period_type?: perftools.profiles.ValueType.$Properties | null

      /** Profile period. */
      period: number

      /** Profile comment. */
      comment: number[]

      /** Profile default_sample_type. */
      default_sample_type: number

      /** Profile doc_url. */
      doc_url: number

      /**
       * Decodes a Profile message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Profile & perftools.profiles.Profile.$Shape} Profile
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Profile & perftools.profiles.Profile.$Shape
    }

    namespace Profile {
      /** Properties of a Profile. */
      interface $Properties {
        /** Profile sample_type */
        sample_type?: perftools.profiles.ValueType.$Properties[] | null

        /** Profile sample */
        sample?: perftools.profiles.Sample.$Properties[] | null

        /** Profile mapping */
        mapping?: perftools.profiles.Mapping.$Properties[] | null

        /** Profile location */
        location?: perftools.profiles.Location.$Properties[] | null

        /** Profile function */
        function?: perftools.profiles.Function.$Properties[] | null

        /** Profile string_table */
        string_table?: string[] | null

        /** Profile drop_frames */
        drop_frames?: number | null

        /** Profile keep_frames */
        keep_frames?: number | null

        /** Profile time_nanos */
        time_nanos?: number | null

        /** Profile duration_nanos */
        duration_nanos?: number | null

        /** Profile period_type */
        period_type?: perftools.profiles.ValueType.$Properties | null

        /** Profile period */
        period?: number | null

        /** Profile comment */
        comment?: number[] | null

        /** Profile default_sample_type */
        default_sample_type?: number | null

        /** Profile doc_url */
        doc_url?: number | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Profile. */
      type $Shape = perftools.profiles.Profile.$Properties
    }

    /**
     * Properties of a ValueType.
     * @deprecated Use perftools.profiles.ValueType.$Properties instead.
     */
    interface IValueType extends perftools.profiles.ValueType.$Properties {}

    /** Represents a ValueType. */
    class ValueType {
      /**
       * Constructs a new ValueType.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.ValueType.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** ValueType type. */
      type: number

      /** ValueType unit. */
      unit: number

      /**
       * Decodes a ValueType message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.ValueType & perftools.profiles.ValueType.$Shape} ValueType
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.ValueType & perftools.profiles.ValueType.$Shape
    }

    namespace ValueType {
      /** Properties of a ValueType. */
      interface $Properties {
        /** ValueType type */
        type?: number | null

        /** ValueType unit */
        unit?: number | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a ValueType. */
      type $Shape = perftools.profiles.ValueType.$Properties
    }

    /**
     * Properties of a Sample.
     * @deprecated Use perftools.profiles.Sample.$Properties instead.
     */
    interface ISample extends perftools.profiles.Sample.$Properties {}

    /** Represents a Sample. */
    class Sample {
      /**
       * Constructs a new Sample.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Sample.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Sample location_id. */
      location_id: number[]

      /** Sample value. */
      value: number[]

      /** Sample label. */
      label: perftools.profiles.Label.$Properties[]

      /**
       * Decodes a Sample message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Sample & perftools.profiles.Sample.$Shape} Sample
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Sample & perftools.profiles.Sample.$Shape
    }

    namespace Sample {
      /** Properties of a Sample. */
      interface $Properties {
        /** Sample location_id */
        location_id?: number[] | null

        /** Sample value */
        value?: number[] | null

        /** Sample label */
        label?: perftools.profiles.Label.$Properties[] | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Sample. */
      type $Shape = perftools.profiles.Sample.$Properties
    }

    /**
     * Properties of a Label.
     * @deprecated Use perftools.profiles.Label.$Properties instead.
     */
    interface ILabel extends perftools.profiles.Label.$Properties {}

    /** Represents a Label. */
    class Label {
      /**
       * Constructs a new Label.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Label.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Label key. */
      key: number

      /** Label str. */
      str: number

      /** Label num. */
      num: number

      /** Label num_unit. */
      num_unit: number

      /**
       * Decodes a Label message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Label & perftools.profiles.Label.$Shape} Label
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Label & perftools.profiles.Label.$Shape
    }

    namespace Label {
      /** Properties of a Label. */
      interface $Properties {
        /** Label key */
        key?: number | null

        /** Label str */
        str?: number | null

        /** Label num */
        num?: number | null

        /** Label num_unit */
        num_unit?: number | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Label. */
      type $Shape = perftools.profiles.Label.$Properties
    }

    /**
     * Properties of a Mapping.
     * @deprecated Use perftools.profiles.Mapping.$Properties instead.
     */
    interface IMapping extends perftools.profiles.Mapping.$Properties {}

    /** Represents a Mapping. */
    class Mapping {
      /**
       * Constructs a new Mapping.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Mapping.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Mapping id. */
      id: number

      /** Mapping memory_start. */
      memory_start: number

      /** Mapping memory_limit. */
      memory_limit: number

      /** Mapping file_offset. */
      file_offset: number

      /** Mapping filename. */
      filename: number

      /** Mapping build_id. */
      build_id: number

      /** Mapping has_functions. */
      has_functions: boolean

      /** Mapping has_filenames. */
      has_filenames: boolean

      /** Mapping has_line_numbers. */
      has_line_numbers: boolean

      /** Mapping has_inline_frames. */
      has_inline_frames: boolean

      /**
       * Decodes a Mapping message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Mapping & perftools.profiles.Mapping.$Shape} Mapping
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Mapping & perftools.profiles.Mapping.$Shape
    }

    namespace Mapping {
      /** Properties of a Mapping. */
      interface $Properties {
        /** Mapping id */
        id?: number | null

        /** Mapping memory_start */
        memory_start?: number | null

        /** Mapping memory_limit */
        memory_limit?: number | null

        /** Mapping file_offset */
        file_offset?: number | null

        /** Mapping filename */
        filename?: number | null

        /** Mapping build_id */
        build_id?: number | null

        /** Mapping has_functions */
        has_functions?: boolean | null

        /** Mapping has_filenames */
        has_filenames?: boolean | null

        /** Mapping has_line_numbers */
        has_line_numbers?: boolean | null

        /** Mapping has_inline_frames */
        has_inline_frames?: boolean | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Mapping. */
      type $Shape = perftools.profiles.Mapping.$Properties
    }

    /**
     * Properties of a Location.
     * @deprecated Use perftools.profiles.Location.$Properties instead.
     */
    interface ILocation extends perftools.profiles.Location.$Properties {}

    /** Represents a Location. */
    class Location {
      /**
       * Constructs a new Location.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Location.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Location id. */
      id: number

      /** Location mapping_id. */
      mapping_id: number

      /** Location address. */
      address: number

      /** Location line. */
      line: perftools.profiles.Line.$Properties[]

      /** Location is_folded. */
      is_folded: boolean

      /**
       * Decodes a Location message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Location & perftools.profiles.Location.$Shape} Location
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Location & perftools.profiles.Location.$Shape
    }

    namespace Location {
      /** Properties of a Location. */
      interface $Properties {
        /** Location id */
        id?: number | null

        /** Location mapping_id */
        mapping_id?: number | null

        /** Location address */
        address?: number | null

        /** Location line */
        line?: perftools.profiles.Line.$Properties[] | null

        /** Location is_folded */
        is_folded?: boolean | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Location. */
      type $Shape = perftools.profiles.Location.$Properties
    }

    /**
     * Properties of a Line.
     * @deprecated Use perftools.profiles.Line.$Properties instead.
     */
    interface ILine extends perftools.profiles.Line.$Properties {}

    /** Represents a Line. */
    class Line {
      /**
       * Constructs a new Line.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Line.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Line function_id. */
      function_id: number

      /** Line line. */
      line: number

      /** Line column. */
      column: number

      /**
       * Decodes a Line message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Line & perftools.profiles.Line.$Shape} Line
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Line & perftools.profiles.Line.$Shape
    }

    namespace Line {
      /** Properties of a Line. */
      interface $Properties {
        /** Line function_id */
        function_id?: number | null

        /** Line line */
        line?: number | null

        /** Line column */
        column?: number | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Line. */
      type $Shape = perftools.profiles.Line.$Properties
    }

    /**
     * Properties of a Function.
     * @deprecated Use perftools.profiles.Function.$Properties instead.
     */
    interface IFunction extends perftools.profiles.Function.$Properties {}

    /** Represents a Function. */
    class Function {
      /**
       * Constructs a new Function.
       * @param [properties] Properties to set
       */
      constructor(properties?: perftools.profiles.Function.$Properties)

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[]

      /** Function id. */
      id: number

      /** Function name. */
      name: number

      /** Function system_name. */
      system_name: number

      /** Function filename. */
      filename: number

      /** Function start_line. */
      start_line: number

      /**
       * Decodes a Function message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {perftools.profiles.Function & perftools.profiles.Function.$Shape} Function
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number
      ): perftools.profiles.Function & perftools.profiles.Function.$Shape
    }

    namespace Function {
      /** Properties of a Function. */
      interface $Properties {
        /** Function id */
        id?: number | null

        /** Function name */
        name?: number | null

        /** Function system_name */
        system_name?: number | null

        /** Function filename */
        filename?: number | null

        /** Function start_line */
        start_line?: number | null

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[]
      }

      /** Shape of a Function. */
      type $Shape = perftools.profiles.Function.$Properties
    }
  }
}
